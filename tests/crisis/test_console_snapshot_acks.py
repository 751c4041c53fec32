"""A console acknowledges what its snapshot shows: each queue entry says whether any console
has acknowledged it yet, so an alert lost with Redis is acknowledged from the snapshot."""

from crisis import selectors, services


def test_snapshot_marks_an_unacknowledged_entry(cora, waiting):
    entry = selectors.console_snapshot(cora)["queue"][0]
    assert entry["id"] == waiting.pk
    assert entry["acked"] is False


def test_snapshot_marks_an_acknowledged_entry(cora, waiting):
    assert services.alert_acknowledge(escalation_id=waiting.pk, counselor=cora)
    assert selectors.console_snapshot(cora)["queue"][0]["acked"] is True
