"""The base of the app's parts: Textual's ``App`` to the type checker, ``object`` when run.

:class:`~microtui.ui.app.MicroTuiApp` is made of parts, each a class in a module of its
own (the workday, quiet for a while, the palette's commands, the first run, the safety
stop, the way out, the mode switch), and inherits them together with ``App``. Were each part
an ``App`` subclass, making it would cost the start about 0.25 ms: Textual's
``__init_subclass__`` looks through the whole ``App`` namespace for every subclass (seven
parts, 12 M instructions to the first frame). As plain classes they still override ``App``'s
methods (``super()`` reaches ``App`` along the app's MRO), and their handlers named by
the convention (``on_<message>``) and their actions are found there too. What needs a
Textual class is a part's ``BINDINGS`` and an ``@on`` handler: a part has no ``@on``, and
its bindings are the app's (:data:`microtui.ui.quiet.QUIET_BINDING`).
"""

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    AppPart = App[None]
else:
    AppPart = object
