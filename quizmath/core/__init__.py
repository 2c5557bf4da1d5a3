"""The pure core of quizmath: templates, the expression language, the solver engine, answer
checking, scheduling and storage. Nothing here imports textual or rich."""
