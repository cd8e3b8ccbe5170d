"""The status bar: what the window is doing, the comparison's progress with Cancel, the model.

`RunStatus` builds the bar's widgets into a QStatusBar and follows the runner's signals
(progress, busy, model state). It shows; it never starts or stops work except through the
runner's own `cancel`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

MODEL_STATES = {
    "loading": "Loading language model…",
    "unavailable": "Model unavailable: comparing by shared words",
}


class RunStatus:
    """Status text, a progress bar with Cancel, and the model's state, in one status bar."""

    def __init__(self, bar: QStatusBar, runner) -> None:
        self.status = QLabel("Ready")
        self.model_status = QLabel("")
        self.model_status.setObjectName("ModelStatus")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFixedWidth(200)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the comparison (Esc)")
        self.cancel_button.clicked.connect(runner.cancel)
        self.cancel_button.hide()
        bar.addWidget(self.status, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.model_status)
        runner.progress_changed.connect(self.on_progress)
        runner.busy_changed.connect(self.on_busy)
        runner.model_state_changed.connect(self.on_model_state)

    def on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(message)

    def on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def on_model_state(self, state: str, detail: str) -> None:
        if state == "ready":
            text = f"Model: {detail}" if detail else "Model ready"
        else:
            text = MODEL_STATES.get(state, "")
        self.model_status.setText(text)
        self.model_status.setToolTip(detail)
