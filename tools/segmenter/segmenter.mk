# Word-segmenter training pipeline (included from the main Makefile).
#
#   make segmenter        prepare UD data, build the user dictionary, train the model
#                         -> checker/models/pkuseg/{features.msgpack,weights.npz,user_dict.txt,...}
#                         and the fast segmenter's files from it (fastseg-*, fastseg.json)
#   make segmenter-fastseg  rewrite the fast segmenter's files (checker/segment/fastseg.py) from
#                         the model in checker/models/pkuseg (train does it too)
#   make segmenter-eval   P/R/F1 on the UD and domain held-out sets, for the shipped model and a
#                         UD-only baseline (trained into build/segmenter/baseline if missing),
#                         plus segmentation speed
#   make segmenter-check  check the hand-segmented domain files against the convention
#   make segmenter-smoke  load the shipped model the way the package does, without network
#
# Needs the training extra (opencc): pip install -e '.[train]'.

PY          ?= .venv/bin/python
SEG_DEPS    ?= $(VENV)/.installed-train
SEG_TOOLS   := tools/segmenter
SEG_BUILD   := build/segmenter
SEG_MODEL   := checker/models/pkuseg
SEG_DOMAIN  := data/segmenter/domain
# oversampling factor of the domain training data and pkuseg iterations,
# chosen by domain held-out F1 (see tools/segmenter/README.md)
SEG_N       ?= 4
SEG_ITERS   ?= 20
# L2 regularisation of the CRF (pkuseg's default is 1; 3 gave the same domain F1, better UD F1 and a smaller model)
SEG_REG     ?= 3

.PHONY: segmenter segmenter-prepare segmenter-userdict segmenter-train segmenter-baseline \
        segmenter-eval segmenter-check segmenter-smoke segmenter-fastseg

segmenter: $(SEG_DEPS)
	$(PY) $(SEG_TOOLS)/prepare_ud.py --out-dir $(SEG_BUILD)
	$(PY) $(SEG_TOOLS)/build_userdict.py --out $(SEG_MODEL)/user_dict.txt
	$(PY) $(SEG_TOOLS)/train.py --oversample $(SEG_N) --iters $(SEG_ITERS) --reg $(SEG_REG) --out $(SEG_MODEL)
	$(PY) $(SEG_TOOLS)/build_fastseg.py --model $(SEG_MODEL)

# needs only the package's own dependencies (marisa-trie, numpy and srsly via spaCy)
segmenter-fastseg: $(STAMP)
	$(PY) $(SEG_TOOLS)/build_fastseg.py --model $(SEG_MODEL)

segmenter-prepare: $(SEG_DEPS)
	$(PY) $(SEG_TOOLS)/prepare_ud.py --out-dir $(SEG_BUILD)

segmenter-userdict: $(SEG_DEPS)
	$(PY) $(SEG_TOOLS)/build_userdict.py --out $(SEG_MODEL)/user_dict.txt

segmenter-train: $(SEG_DEPS)
	$(PY) $(SEG_TOOLS)/train.py --oversample $(SEG_N) --iters $(SEG_ITERS) --reg $(SEG_REG) --out $(SEG_MODEL)
	$(PY) $(SEG_TOOLS)/build_fastseg.py --model $(SEG_MODEL)

$(SEG_BUILD)/ud-train.txt $(SEG_BUILD)/ud-heldout.txt: $(SEG_TOOLS)/prepare_ud.py $(wildcard data/ud-zh/*.conllu)
	$(PY) $(SEG_TOOLS)/prepare_ud.py --out-dir $(SEG_BUILD)

$(SEG_BUILD)/baseline/weights.npz: $(SEG_BUILD)/ud-train.txt $(SEG_TOOLS)/train.py
	$(PY) $(SEG_TOOLS)/train.py --baseline --iters $(SEG_ITERS) --reg $(SEG_REG) --out $(SEG_BUILD)/baseline

segmenter-baseline: $(SEG_DEPS) $(SEG_BUILD)/baseline/weights.npz

segmenter-eval: $(SEG_DEPS) $(SEG_BUILD)/ud-heldout.txt $(SEG_BUILD)/baseline/weights.npz
	$(PY) $(SEG_TOOLS)/evaluate.py --model $(SEG_MODEL) --baseline $(SEG_BUILD)/baseline \
	    --build-dir $(SEG_BUILD) --domain-dir $(SEG_DOMAIN)

segmenter-check: $(SEG_DEPS)
	$(PY) $(SEG_TOOLS)/check_convention.py $(wildcard $(SEG_DOMAIN)/train-*.txt) $(wildcard $(SEG_DOMAIN)/heldout-*.txt)

segmenter-smoke: $(SEG_DEPS)
	$(PY) $(SEG_TOOLS)/smoke.py --model $(SEG_MODEL)
