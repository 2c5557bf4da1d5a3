import numpy as np


def project(v, u):
    scale = np.sum(v * u) / np.sqrt(np.sum(u * u))
    return scale * u
