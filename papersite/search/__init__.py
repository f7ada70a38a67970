"""The written site indexed with Pagefind: in parts when large, merged into one bundle."""
