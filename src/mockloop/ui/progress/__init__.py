"""The Progress page: each signal's hit rate over time, delivery trends, rounds per week."""
