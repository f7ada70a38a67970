"""The reading stage: a source text into a `Pack` (its front sheet and agenda, its minutes, its reports and
their appendices), each document found where the pack's own signals say it starts. Only this stage reads
sources."""
