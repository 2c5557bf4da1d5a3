import numpy as np


def project(v, u):
    scale = np.sum(v * u) / np.sum(v * v)
    return scale * v
