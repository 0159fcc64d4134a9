#!/bin/sh
# Writes reedfrogs_scenarios.csv: the new tanks of the size-intervention simulation in
# docs/tutorial.md. Two scenarios of 1,000 new tanks each (T = 1..1000; --new-groups T gives each
# a tank effect drawn from the population), every tank of 35 tadpoles; the k-th tank (k = 0..999)
# has predators when k is odd (50 %), and its tadpoles are big when (k div 2) mod 4 == 0 in the
# status quo (25 %) and when it is not in the intervention (75 %), so size and predation are
# balanced: each block of 8 tanks holds every pred x size cell in the scenario's proportions.
# Run from this folder: sh make_reedfrogs_scenarios.sh > reedfrogs_scenarios.csv
awk 'BEGIN {
  print "scenario,T,density,pred,size"
  for (s = 0; s < 2; s++) {
    name = s == 0 ? "status_quo" : "intervention"
    for (k = 0; k < 1000; k++) {
      pred = k % 2 == 0 ? "no" : "pred"
      first = int(k / 2) % 4 == 0
      big = s == 0 ? first : !first
      printf "%s,%d,35,%s,%s\n", name, k + 1, pred, big ? "big" : "small"
    }
  }
}'
