"""Reading what a learner types and judging it against the expected answer."""
