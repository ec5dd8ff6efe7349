"""The kiosk clock: autoplay is not a touch; idle counts from the last human input only."""

from hypothesis import given
from hypothesis import strategies as st

from atlas.stories import KioskClock, Step, Story, kiosk_tick


def _story(steps: int) -> Story:
    return Story("s", {"en": "S"}, tuple(Step({"en": str(i)}, event="E") for i in range(steps)), "s.yaml")


def _run(story: Story, clock: KioskClock, seconds: int, autoplay: int, idle: int) -> list[int]:
    shown = [clock.step]
    for now in range(1, seconds + 1):
        clock = kiosk_tick(story, clock, float(now), autoplay, idle)
        shown.append(clock.step)
    return shown


@given(steps=st.integers(2, 12), autoplay=st.integers(1, 20), idle=st.integers(1, 120))
def test_untouched_kiosk_shows_every_step_in_order_and_loops(steps, autoplay, idle):
    story = _story(steps)
    shown = _run(story, KioskClock(1, None, 0.0), autoplay * steps * 2, autoplay, idle)
    changes = shown[:1] + [b for a, b in zip(shown, shown[1:]) if a != b]
    expected = [(i % steps) + 1 for i in range(len(changes))]
    assert changes == expected  # 1, 2, ..., n, 1, 2, ...: never back to 1 early
    assert len(changes) > steps  # it looped


def test_idle_returns_to_the_first_step_after_the_last_touch_then_autoplay_resumes():
    story = _story(6)
    clock = KioskClock(5, 100.0, 100.0)  # a visitor pressed Next to step 5 at t=100
    clock = kiosk_tick(story, clock, 104.0, autoplay=10, idle=30)
    assert clock.step == 5
    clock = kiosk_tick(story, clock, 110.0, autoplay=10, idle=30)
    assert clock.step == 6  # autoplay goes on
    clock = kiosk_tick(story, clock, 130.0, autoplay=10, idle=30)
    assert (clock.step, clock.last_input) == (1, None)  # 30 s after the touch: back to the start
    clock = kiosk_tick(story, clock, 140.0, autoplay=10, idle=30)
    assert clock.step == 2
    assert _run(story, clock, 500, autoplay=10, idle=30).count(1) > 1  # then loops, untouched


def test_idle_without_autoplay_returns_once():
    story = _story(4)
    clock = kiosk_tick(story, KioskClock(3, 0.0, 0.0), 2.0, autoplay=0, idle=3)
    assert clock.step == 3
    clock = kiosk_tick(story, clock, 3.0, autoplay=0, idle=3)
    assert clock == KioskClock(1, None, 3.0)
    assert kiosk_tick(story, clock, 50.0, autoplay=0, idle=3) == clock
