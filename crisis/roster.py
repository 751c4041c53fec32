"""The weekly counselor roster as minutes of the week: who covers what, and the holes.

Pure functions, no database: the console view passes the shifts in.
"""

from dataclasses import dataclass

DAY = 24 * 60
WEEK = 7 * DAY
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _minutes(t) -> int:
    return t.hour * 60 + t.minute


def shift_intervals(weekday: int, starts_at, ends_at) -> list[tuple[int, int]]:
    """[start, end) in minutes of the week; an overnight shift (or one ending on Sunday night
    past midnight) is split where the week wraps."""
    start = weekday * DAY + _minutes(starts_at)
    length = (_minutes(ends_at) - _minutes(starts_at)) % DAY or DAY
    end = start + length
    if end <= WEEK:
        return [(start, end)]
    return [(start, WEEK), (0, end - WEEK)]


def merge(intervals) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def holes(intervals) -> list[tuple[int, int]]:
    """The stretches of the week nobody is scheduled for."""
    found, cursor = [], 0
    for start, end in merge(intervals):
        if start > cursor:
            found.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < WEEK:
        found.append((cursor, WEEK))
    return found


def holes_across_weekend(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`holes` with a hole running from Sunday night into Monday morning joined into one
    (its end then lies past WEEK)."""
    if len(found) > 1 and found[0][0] == 0 and found[-1][1] == WEEK:
        return [*found[1:-1], (found[-1][0], WEEK + found[0][1])]
    return found


def describe(minute_of_week: int) -> str:
    day, minute = divmod(minute_of_week % WEEK, DAY)
    return f"{DAY_NAMES[day]} {minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True)
class Cell:
    state: str  # covered, partial or hole
    people: int


def grid(shifts: list[tuple[int, list[tuple[int, int]]]]) -> list[list[Cell]]:
    """24 rows (hours) by 7 columns (days). `shifts` is [(counselor id, intervals)]."""
    covered = merge(iv for _who, ivs in shifts for iv in ivs)
    rows = []
    for hour in range(24):
        row = []
        for day in range(7):
            a = day * DAY + hour * 60
            b = a + 60
            minutes = sum(max(0, min(b, e) - max(a, s)) for s, e in covered)
            people = len({who for who, ivs in shifts if any(s < b and e > a for s, e in ivs)})
            state = "covered" if minutes == 60 else ("partial" if minutes else "hole")
            row.append(Cell(state=state, people=people))
        rows.append(row)
    return rows
