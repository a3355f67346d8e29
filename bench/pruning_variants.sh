# The method variants of the pruning benchmark, shared by pruning.sh and pruning_worker.sh
# (sourced; needs $scores). name|compress flags. EL2N explores the two axes the paper studies
# (easy/hard end, strict class balance or a global ranking); AUM and Forgetting run as published
# (keep the hardest, global ranking); CCS as in its code (AUM, mis_ratio 0.3, 50 strata, per class).
# shellcheck disable=SC2034
variants=(
  "random|--method random"
  "el2n-easy-balanced|--method el2n --scores $scores"
  "el2n-hard-balanced|--method el2n --hard --scores $scores"
  "el2n-easy-unbalanced|--method el2n --unbalanced --scores $scores"
  "el2n-hard-unbalanced|--method el2n --hard --unbalanced --scores $scores"
  "aum-hard-unbalanced|--method aum --hard --unbalanced --scores $scores"
  "forgetting-hard-unbalanced|--method forgetting --hard --unbalanced --scores $scores"
  "ccs|--method ccs --scores $scores"
)
