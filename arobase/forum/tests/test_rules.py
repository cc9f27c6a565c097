from hypothesis import given
from hypothesis import strategies as st

from arobase.forum import rules
from arobase.forum.rules import Access, Reason

booleans = st.booleans()


@given(booleans, booleans, booleans, booleans)
def test_only_active_elus_and_staff_enter(authenticated, active, staff, elu):
    level = rules.access(is_authenticated=authenticated, is_active=active, is_staff=staff, is_elu=elu)
    entered = rules.may_enter(is_authenticated=authenticated, is_active=active, is_staff=staff, is_elu=elu)
    assert entered == (authenticated and active and (staff or elu))
    if not authenticated:
        assert level == Access.ANONYMOUS
    elif entered:
        assert level == (Access.MODERATOR if staff else Access.MEMBER)
    else:
        assert level == Access.DENIED


@given(booleans, booleans, booleans)
def test_closing(author, moderator, closed):
    assert rules.may_close(is_author=author, is_moderator=moderator, is_closed=closed) == (
        not closed and (author or moderator)
    )


@given(booleans, booleans, booleans, booleans)
def test_votes_only_on_open_visible_ideas(ideas, closed, hidden, opening):
    allowed = rules.may_vote(is_call_for_ideas=ideas, is_closed=closed, is_hidden=hidden, is_opening_post=opening)
    assert allowed == (ideas and not closed and not hidden and not opening)


@given(st.one_of(st.none(), st.integers(1, 100)), st.one_of(st.none(), st.integers(1, 100)))
def test_unread_when_a_post_came_after_the_last_read(last_post, last_read):
    unread = rules.is_unread(last_post_id=last_post, last_read_post_id=last_read)
    assert unread == (last_post is not None and (last_read is None or last_post > last_read))


def test_mentions_match_whole_names_only():
    names = {"Anne Martin": 1, "Anne Mart": 2, "Jean-Luc Picard": 3}
    assert rules.mentioned("Merci @Anne Martin et @jean-luc picard !", names) == {1, 3}
    assert rules.mentioned("@Anne Martinez", names) == set()
    assert rules.mentioned("anne.martin@example.org, Anne Martin", names) == set()


ids = st.sets(st.integers(1, 20))


@given(st.integers(1, 20), ids, ids, ids)
def test_each_recipient_once_with_the_strongest_reason_never_the_poster(poster, mentioned, participants, subscribers):
    reasons = rules.recipients_by_reason(
        poster_id=poster, mentioned_ids=mentioned, participant_ids=participants, subscriber_ids=subscribers
    )
    assert poster not in reasons
    assert set(reasons) == (mentioned | participants | subscribers) - {poster}
    for person, reason in reasons.items():
        if person in mentioned:
            assert reason == Reason.MENTION
        elif person in participants:
            assert reason == Reason.REPLY
        else:
            assert reason == Reason.SUBSCRIPTION
