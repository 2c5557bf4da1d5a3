import numpy as np
from scipy import stats


def one_sample_t(data, mu0):
    n = len(data)
    s = np.std(data, ddof=1)
    t = (np.mean(data) - mu0) / (s / np.sqrt(n))
    p = stats.t.sf(abs(t), n - 1)
    return t, p
