"""Packs put together into an archive of meetings: documents laid out as blocks, page marks, and the proof that nothing was lost."""
