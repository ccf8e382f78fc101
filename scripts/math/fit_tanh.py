"""Fits the polynomial FloatMath.tanh uses below |x| = 0.625: tanh(a) = a + a^3 P(a^2).

P has degree 5 in z = a^2; its coefficients are a least-squares fit of (tanh(a) - a) / a^3 on
Chebyshev nodes, weighted for relative error in tanh, rounded to float32. Prints the coefficients
(constant term first, as C99 hex floats) and the fit's largest relative error in float32 ulps,
evaluated in float64 with the rounded coefficients.

    python3 scripts/math/fit_tanh.py
"""
import numpy as np

HI, DEGREE, NODES = 0.625, 5, 4000

t = np.cos(np.pi * (np.arange(NODES) + 0.5) / NODES)
z = 1e-6 + (HI * HI - 1e-6) * (t + 1) / 2
a = np.sqrt(z)
target = (np.tanh(a) - a) / a**3
weight = a**3 / np.tanh(a)
basis = np.vstack([z**k for k in range(DEGREE + 1)]).T
coefficients, *_ = np.linalg.lstsq(basis * weight[:, None], target * weight, rcond=None)
rounded = coefficients.astype(np.float32).astype(np.float64)

check = np.linspace(1e-4, HI, 200_001)
approx = check + check**3 * np.polyval(rounded[::-1], check * check)
error = np.max(np.abs(approx - np.tanh(check)) / np.tanh(check)) / 2**-24
for c in rounded:
    print(float(c).hex())
print(f"fit error {error:.3f} ulp")
