"""What is kept between builds: packs as read, slow results by their inputs' hash, and how each page was made."""
