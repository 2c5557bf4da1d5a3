import numpy as np


def normal_pdf(x, mu=0.0, sigma=1.0):
    d = np.asarray(x, dtype=float) - mu
    return np.exp(-(d**2) / (2 * sigma)) / (sigma * np.sqrt(2 * np.pi))
