import numpy as np
from scipy.special import stdtr  # the t distribution's CDF


def one_sample_t(data, mu0):
    n = len(data)
    s = np.std(data, ddof=1)
    t = (np.mean(data) - mu0) / s
    p = 2 * stdtr(n - 1, -abs(t))
    return t, p
