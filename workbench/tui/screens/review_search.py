"""The '/' search of the review screen: fuzzy, as you type, Enter jumps, Escape returns."""

from __future__ import annotations

from textual import on, work
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from workbench.core.errors import WorkbenchError
from workbench.core.search import Searcher, Vocabulary
from workbench.tui.screens.review_base import ReviewBase
from workbench.tui.widgets.search_bar import SearchBar


class SearchResults(Message):
    def __init__(self, query: str, ids: list[int]) -> None:
        super().__init__()
        self.query = query
        self.ids = ids


class WordsRead(Message):
    def __init__(self, words: Vocabulary) -> None:
        super().__init__()
        self.words = words


class SearchActions(ReviewBase):
    """The search part of the review screen."""

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        if self._before_search is None:
            self._before_search = (self.table.ids, self.table.current_id)
            # The index's words are read afresh in a worker of their own (a
            # quarter of a second at a million claims); keystrokes meanwhile
            # use the last ones read, or none.
            self._searcher = Searcher(self._reader("quick"), words=self._words, lazy_words=True)
            self._read_words()
        bar.display = True
        bar.focus()

    @work(thread=True, exclusive=True, group="words")
    def _read_words(self) -> None:
        try:
            words = Vocabulary.of(self._reader("counts").claim_word_counts())
        except WorkbenchError:
            return  # searching goes on without them: no typo finds more
        if not get_current_worker().is_cancelled:
            self.post_message(WordsRead(words))

    @on(WordsRead)
    def _words_read(self, message: WordsRead) -> None:
        self._words = message.words
        if self._searcher is not None and self._before_search is not None:
            self._searcher.words = message.words
            query = self.query_one(SearchBar).value.strip()
            if query:
                self._search(query)  # a typo may find more now

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query:  # nothing to look for: the list as it was, if still searching
            if self._before_search is not None:
                self.table.set_ids(self._before_search[0], keep=self._before_search[1])
            return
        self._hold_frames()  # the typed letter shows with its results
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        """The list's claims that match, found through the paragraph index."""
        searcher = self._searcher or Searcher(self._reader("quick"))
        try:
            found = searcher.find(query, self.where, limit=300)
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SearchResults(query, found))

    @on(SearchResults)
    def _search_results(self, message: SearchResults) -> None:
        if self._before_search is None or self.query_one(SearchBar).value.strip() != message.query:
            return
        self.table.set_ids(message.ids)
        if not message.ids:
            self._show(None)
        self._hold_frames(release=True)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._end_search(jump_to=self.table.current_id)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self._end_search(jump_to=None)

    @on(SearchBar.Move)
    def _search_move(self, message: SearchBar.Move) -> None:
        self.table.move_to(self.table.cursor + message.step)

    def _end_search(self, jump_to: int | None) -> None:
        bar = self.query_one(SearchBar)
        bar.display = False
        bar.value = ""
        if self._before_search is not None:
            ids, previous = self._before_search
            self._before_search = None
            self.table.set_ids(ids, keep=jump_to if jump_to is not None else previous)
        self.table.focus()
