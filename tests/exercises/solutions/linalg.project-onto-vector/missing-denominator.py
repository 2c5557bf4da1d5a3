import numpy as np


def project(v, u):
    scale = np.sum(v * u)
    return scale * u
