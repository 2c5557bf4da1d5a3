"""Engine functions added for the probability, statistics, information and ML templates."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import scipy.stats as st

from quizmath.core.engine import statistics as S
from quizmath.core.errors import ExprEvalError


@pytest.mark.parametrize("t", [-3.5, -1, 0, 0.5, 2, F(5, 2)])
@pytest.mark.parametrize("df", [1, 4, 7, 30])
def test_t_cdf_matches_scipy(t: object, df: int) -> None:
    assert S.t_cdf(t, df) == pytest.approx(st.t.cdf(float(t), df), rel=1e-12, abs=1e-15)


def test_t_cdf_gives_the_two_sided_p_value_of_ttest_p() -> None:
    data = [7, 9, 10, 11, 13]
    t = float(S.t_stat(data, 8))
    assert 2 * S.t_cdf(-abs(t), 4) == pytest.approx(S.ttest_p(data, 8), rel=1e-12)


def test_t_cdf_rejects_a_bad_df() -> None:
    with pytest.raises(ExprEvalError):
        S.t_cdf(1, 0)
