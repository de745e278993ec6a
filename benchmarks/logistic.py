"""The logistic regression both trainers fit (train_blocks.py, train_lines.py).

Newton steps with an L2 penalty on the weights, not on the bias; rows weighted
(normalised to mean 1) so that each page counts as its trainer decides.
"""

from __future__ import annotations

import numpy as np


def newton_fit(
    xs: list[np.ndarray], ys: list[np.ndarray], ws: list[np.ndarray], l2: float
) -> tuple[np.ndarray, float]:
    """Weights and bias fitted on the stacked rows `xs`, labels `ys`, row weights `ws`."""
    x = np.hstack([np.vstack(xs), np.ones((sum(len(y) for y in ys), 1))])
    y, w = np.concatenate(ys), np.concatenate(ws)
    w = w / w.mean()
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ beta)))
        grad = x.T @ (w * (p - y)) + penalty * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])
