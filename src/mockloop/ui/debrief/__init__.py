"""The debrief: what the answer hit and missed, where the words went, and how it was delivered.

Rendered from the report dictionary (RoundReport.to_dict()), read back once into a RoundReport
by DebriefPage.show_report, so a fresh round and one opened from history look the same.
"""
