"""Retrain eventwire's learned event-type head from src/eventwire/classify/corpus/ (deterministic).

.venv/bin/python scripts/train_classifier.py
"""

from eventwire.classify.train import default_path, train

if __name__ == "__main__":
    path = default_path()
    print(train(path), "->", path, f"({path.stat().st_size / 1024:.0f} kB)")
