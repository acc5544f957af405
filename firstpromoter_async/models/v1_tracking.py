"""v1 tracking events: the answer to a tracked signup, sale, refund or cancellation."""

from __future__ import annotations

from ._base import Model
from .v1_lead import V1Lead
from .v1_promoter import V1Promoter
from .v1_reward import V1Reward


class V1TrackingEvent(Model):
    """A tracked event.

    ``type`` is ``signup``, ``sale``, ``refund`` or ``cancellation``; ``amount_cents`` is the
    sale amount (negative for a refund, ``None`` for signups and cancellations); ``reward`` is
    the reward the event generated, if any.
    """

    id: int
    type: str | None = None
    amount_cents: int | None = None
    reward: V1Reward | None = None
    lead: V1Lead | None = None
    promoter: V1Promoter | None = None
