import numpy as np


def entropy(p):
    return float(-np.sum(p * np.log2(p)))
