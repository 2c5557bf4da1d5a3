import numpy as np


def pearson(x, y):
    dx = x
    dy = y
    return np.sum(dx * dy) / np.sqrt(np.sum(dx**2) * np.sum(dy**2))
