"""The practice page: pick a round, answer against the clock, stop, wait for the debrief."""
