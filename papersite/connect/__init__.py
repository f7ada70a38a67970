"""What ties the papers together once all are read: cross-links, follow-ups, questions, topics, the glossary, members."""
