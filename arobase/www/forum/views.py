"""The #elunum space: pages for élus, moderation for staff. Every request asks the access rule again."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arobase.core.markdown import render_markdown
from arobase.forum import rules, selectors, services
from arobase.forum.errors import NotAllowed, RuleViolation
from arobase.forum.models import Post, Room, RoomKind, Thread
from arobase.forum.rules import Access
from arobase.www.forum.forms import CloseForm, FlagForm, ModerationForm, ReplyForm, ThreadForm

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 50
QUEUE_PER_PAGE = 30
FORBIDDEN_MESSAGE = (
    "L'espace #elunum est réservé aux élus : les personnes rattachées à une collectivité en tant qu'élu ou élue, "
    "dont le rattachement est accepté, et l'équipe Villes Internet qui le modère."
)


def _html(markdown_text: str) -> str:
    # render_markdown sanitises with nh3: its output is safe to insert.
    return mark_safe(render_markdown(markdown_text))


def _forbidden(request, message: str = FORBIDDEN_MESSAGE):
    return render(request, "forum/forbidden.html", {"message": message}, status=403)


def space_view(view):
    """Anonymous visitors go to the login page, people who may not enter get a French 403; every response of the
    space is private and never indexed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        level = selectors.access(request.user)
        if level == Access.ANONYMOUS:
            response = redirect_to_login(request.get_full_path())
        elif level == Access.DENIED:
            response = _forbidden(request)
        else:
            request.forum_access = level
            try:
                response = view(request, *args, **kwargs)
            except NotAllowed as error:
                response = _forbidden(request, str(error))
            except RuleViolation as error:
                response = render(request, "forum/error.html", {"message": str(error)}, status=400)
            except Http404:
                response = render(request, "404.html", status=404)
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapper


def _is_moderator(request) -> bool:
    return request.forum_access == Access.MODERATOR


def _mention_ids(form) -> set[int]:
    return {user.pk for user in form.cleaned_data.get("mentions") or []}


@require_GET
@space_view
def rooms(request):
    listed = selectors.rooms_with_unread(request.user)
    return render(
        request,
        "forum/rooms.html",
        {
            "theme_rooms": [entry for entry in listed if entry[0].kind == RoomKind.THEME],
            "region_rooms": [entry for entry in listed if entry[0].kind == RoomKind.REGION],
        },
    )


@require_GET
@space_view
def room(request, pk: int):
    room = get_object_or_404(Room, pk=pk)
    page = Paginator(selectors.room_threads(room, request.user), THREADS_PER_PAGE).get_page(request.GET.get("page"))
    for thread in page.object_list:
        thread.unread = thread.last_post_id is not None and (
            thread.last_read is None or thread.last_post_id > thread.last_read
        )
    return render(
        request,
        "forum/room.html",
        {"room": room, "page": page, "subscribed": selectors.is_subscribed(request.user, room=room)},
    )


@require_http_methods(["GET", "POST"])
@space_view
def new_thread(request, pk: int):
    room = get_object_or_404(Room, pk=pk)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thread = services.start_thread(
            actor=request.user,
            room=room,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            kind=form.cleaned_data["kind"],
            mention_ids=_mention_ids(form),
        )
        return redirect("forum:thread", pk=thread.pk)
    return render(request, "forum/new_thread.html", {"room": room, "form": form}, status=400 if form.errors else 200)


def _thread_page(request, thread: Thread, *, reply_form=None, close_form=None, status=200):
    paginator = Paginator(selectors.thread_posts(thread), POSTS_PER_PAGE)
    requested = request.GET.get("page")
    posts_page = paginator.get_page(paginator.num_pages if requested == "last" else requested)
    moderator = _is_moderator(request)
    last_read = selectors.last_read_post_id(thread, request.user)
    for post in posts_page.object_list:
        post.html = _html(post.body) if (moderator or not post.is_hidden) else ""
        post.is_new = rules.is_unread(last_post_id=post.pk, last_read_post_id=last_read)
    services.mark_read(actor=request.user, thread=thread)
    return render(
        request,
        "forum/thread.html",
        {
            "thread": thread,
            "conclusion_html": _html(thread.conclusion) if thread.conclusion else "",
            "page": posts_page,
            "reply_form": reply_form or ReplyForm(),
            "close_form": close_form or CloseForm(),
            "flag_form": FlagForm(),
            "moderation_form": ModerationForm(),
            "may_close": not thread.is_closed and (moderator or thread.author_id == request.user.pk),
            "is_moderator": moderator,
            "opening_post_id": selectors.opening_post_id(thread),
            "voted": selectors.voted_post_ids(thread, request.user),
            "flagged": selectors.flagged_post_ids(thread, request.user),
            "subscribed": selectors.is_subscribed(request.user, thread=thread),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@space_view
def thread(request, pk: int):
    thread = get_object_or_404(Thread.objects.select_related("room", "author", "closed_by"), pk=pk)
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if not form.is_valid():
            return _thread_page(request, thread, reply_form=form, status=400)
        post = services.reply(
            actor=request.user, thread=thread, body=form.cleaned_data["body"], mention_ids=_mention_ids(form)
        )
        return redirect(f"{request.path}?page=last#message-{post.pk}")
    return _thread_page(request, thread)


@require_POST
@space_view
def close_thread(request, pk: int):
    thread = get_object_or_404(Thread.objects.select_related("room", "author"), pk=pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, thread, close_form=form, status=400)
    services.close_thread(actor=request.user, thread=thread, conclusion=form.cleaned_data["conclusion"])
    return redirect("forum:thread", pk=thread.pk)


@require_POST
@space_view
def subscribe_thread(request, pk: int):
    thread = get_object_or_404(Thread, pk=pk)
    if request.POST.get("subscribe") == "0":
        services.unsubscribe(actor=request.user, thread=thread)
    else:
        services.subscribe(actor=request.user, thread=thread)
    return redirect("forum:thread", pk=thread.pk)


@require_POST
@space_view
def subscribe_room(request, pk: int):
    room = get_object_or_404(Room, pk=pk)
    if request.POST.get("subscribe") == "0":
        services.unsubscribe(actor=request.user, room=room)
    else:
        services.subscribe(actor=request.user, room=room)
    return redirect("forum:room", pk=room.pk)


def _back_to(post: Post):
    return redirect(reverse("forum:thread", kwargs={"pk": post.thread_id}) + f"#message-{post.pk}")


@require_POST
@space_view
def vote(request, pk: int):
    post = get_object_or_404(Post, pk=pk)
    if request.POST.get("withdraw") == "1":
        services.withdraw_vote(actor=request.user, post=post)
    else:
        services.vote(actor=request.user, post=post)
    return _back_to(post)


@require_POST
@space_view
def flag(request, pk: int):
    post = get_object_or_404(Post, pk=pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        raise RuleViolation("Indiquez le motif du signalement.")
    services.flag(actor=request.user, post=post, reason=form.cleaned_data["reason"])
    return _back_to(post)


@require_POST
@space_view
def moderate(request, pk: int):
    post = get_object_or_404(Post, pk=pk)
    if not _is_moderator(request):
        raise NotAllowed("Seule l'équipe Villes Internet modère l'espace #elunum.")
    form = ModerationForm(request.POST)
    if not form.is_valid():
        raise RuleViolation("Choisissez une décision et indiquez son motif.")
    services.moderate(
        actor=request.user, post=post, action=form.cleaned_data["action"], reason=form.cleaned_data["reason"]
    )
    if request.POST.get("from") == "queue":
        return redirect("forum:moderation")
    return _back_to(post)


@require_GET
@space_view
def moderation_queue(request):
    if not _is_moderator(request):
        raise NotAllowed("La file de modération est réservée à l'équipe Villes Internet.")
    page = Paginator(selectors.moderation_queue(), QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    for post in page.object_list:
        post.html = _html(post.body)
    return render(request, "forum/moderation.html", {"page": page, "moderation_form": ModerationForm()})
