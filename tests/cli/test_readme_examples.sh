# The README's example commands do what it says (issue 12: examples that
# train, or say plainly that they are meant to explode): hidden 8 with
# Adagrad 0.1 and clipping at 5 trains without an explosion (total loss
# 49.34 at epoch 0, 0.94 at 100, 0.067 at 1000); with the default SGD at
# lr 0.1 epoch 8's update explodes (the visualiser pauses showing epoch 9);
# at lr 0.05 once, epoch 113's (the pause shows 114).
set -u
bin=${1:?usage: test_readme_examples.sh RNNSTEP SOURCE_DIR}
source "$(dirname "$0")/lib.sh"
hello8=(--batch --text "hello world, hello rnn" --hidden 8 --epochs 1000)

# loss_at NAME EPOCH: the loss column of that epoch's row.
loss_at() { awk -v e="$2" '$1 == e { print $2 }' "$tmp/$1.out"; }
# near A B TOL: |A - B| <= TOL
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(a != "" && (d < 0 ? -d : d) <= t) }'; }

run adagrad "${hello8[@]}" --optimizer adagrad --clip 5
expect_status adagrad 0
near "$(loss_at adagrad 0)" 49.34 0.005 || fail "adagrad: epoch 0 loss $(loss_at adagrad 0), README 49.34"
near "$(loss_at adagrad 100)" 0.94 0.005 || fail "adagrad: epoch 100 loss $(loss_at adagrad 100), README 0.94"
near "$(loss_at adagrad 1000)" 0.067 0.0005 || fail "adagrad: epoch 1000 loss $(loss_at adagrad 1000), README 0.067"
grep -q exploded "$tmp/adagrad.out" && fail "adagrad: an explosion in a run the README says trains"

run sgd "${hello8[@]}" --epochs 20
expect_status sgd 0
[ "$(awk '/exploded/ { print $1; exit }' "$tmp/sgd.out")" = 8 ] || fail "sgd lr 0.1: first explosion not at epoch 8"

run sgd05 "${hello8[@]}" --lr 0.05
expect_status sgd05 0
[ "$(grep -c exploded "$tmp/sgd05.out")" = 1 ] && [ "$(awk '/exploded/ { print $1 }' "$tmp/sgd05.out")" = 113 ] ||
    fail "sgd lr 0.05: explosions at $(awk '/exploded/ { print $1 }' "$tmp/sgd05.out" | tr '\n' ' '), README: one, at 113"

[ "$failures" = 0 ] || exit 1
echo "PASS readme_examples"
