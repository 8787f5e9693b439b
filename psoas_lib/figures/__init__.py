"""Exercise figures: a body model, keyframes from ``data/keyframes.toml``, motion and SVG.

The pure core of the moving figures (no widgets, no plotting): :mod:`.body` (segments and
joints), :mod:`.keyframes` (the data file), :mod:`.ik` (two-link inverse kinematics),
:mod:`.motion` (easing, pinning, planted feet, mirroring) and :mod:`.svg` (drawing).
"""
