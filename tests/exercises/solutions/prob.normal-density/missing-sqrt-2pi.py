import numpy as np


def normal_pdf(x, mu=0.0, sigma=1.0):
    z = (np.asarray(x, dtype=float) - mu) / sigma
    return np.exp(-(z**2) / 2) / sigma
