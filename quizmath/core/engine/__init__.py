"""The solver engine: the whitelisted functions templates call."""
