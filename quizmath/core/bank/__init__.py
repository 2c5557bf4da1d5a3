"""Question files: loading, validation, generation of problems from templates."""
