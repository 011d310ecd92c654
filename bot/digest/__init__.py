"""The weekly digest: building it for a week, posting it exactly once, and the schedule."""
