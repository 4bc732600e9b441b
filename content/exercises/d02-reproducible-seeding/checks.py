from quizzer.practice.compare import compare_value


def cases(device):
    return [
        ("seed_everything(0)", {"kind": "seed", "seed": 0}),
        ("seed_everything(1234)", {"kind": "seed", "seed": 1234}),
        ("two_runs with seed 0, then seeds 0 and 1", {"kind": "runs", "seed": 0, "other": 1}),
        ("two_runs with seed 42, then seeds 42 and 7", {"kind": "runs", "seed": 42, "other": 7}),
        ("two_runs with seed 2024, then seeds 2024 and 2025", {"kind": "runs", "seed": 2024, "other": 2025}),
    ]


SEED_HINTS = {
    "python random.random()": "Python's generator was not seeded with `seed`: call random.seed(seed)",
    "numpy np.random.random()": "NumPy's global generator was not seeded with `seed`: call np.random.seed(seed)",
    "torch torch.rand(3)": "PyTorch's generator was not seeded with `seed`: call torch.manual_seed(seed)",
    "torch.rand(3) on cuda": "the CUDA generators were not seeded: torch.manual_seed(seed) seeds them all",
}

RUN_MESSAGES = {
    "returns two tensors": "two_runs must return a tuple of two tensors (out_a, out_b)",
    "same shapes": "the outputs of the runs have different shapes: run the same experiment each time",
    "dropout in training mode": ("dropout never ran in training mode: keep the model in train() mode (model.eval() "
                                 "switches dropout off) and use nn.Dropout"),
    "same seed, identical outputs": ("same seed gave different outputs: seed at the start of each run (run_once calls "
                                     "seed_everything(seed) before building the model and drawing the input), and seed "
                                     "PyTorch too"),
    "different seeds, different outputs": ("different seeds gave identical outputs: seed with the `seed` argument, "
                                           "not with a fixed number"),
}


def compare(name, inputs, expected, actual):
    for key, exp in expected.items():
        got = actual.get(key)
        if inputs["kind"] == "seed":
            problem = compare_value(key, exp, got, 0.0, 0.0)
            if problem:
                return f"{problem} — {SEED_HINTS[key]}"
        elif got != exp:
            return RUN_MESSAGES[key]
    return None
