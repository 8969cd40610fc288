# Reports, in sweep's own JSON-lines protocol, whether `import wandb` would find sweep's stand-in.
import importlib.util
import json
import os

spec = importlib.util.find_spec("wandb")
first_on_path = os.environ.get("PYTHONPATH", "").split(os.pathsep)[0]
found = spec is not None and os.path.dirname(os.path.dirname(spec.origin)) == first_on_path
print(json.dumps({"standin": int(found), "config_env": int("SWEEP_TRIAL_CONFIG" in os.environ)}))
