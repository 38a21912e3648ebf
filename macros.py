"""mkdocs-macros module: a few functions for the hand-written pages in docs/.

Report text never passes through Jinja: `render_by_default` is false, and generated pages are
refused here by path, whatever their own front matter says.
"""

import functools

from reisregister.adapters.mkdocs import state
from reisregister.site import blocks


def define_env(env):
    """Register the functions the hand-written pages may call; those about the reports get this build's register."""
    for function in (blocks.latest_trips, blocks.planned_trips, blocks.pending_trips, blocks.year_comparison):
        env.macro(_with_register(function, env))
    for function in (blocks.data_dictionary, blocks.emission_factors, blocks.accessibility_record):
        env.macro(function)


# The register is the one the hooks loaded for this build, kept on its config (env.conf) with its site.
def _with_register(function, env):
    @functools.wraps(function)
    def with_register(*args, **kwargs):
        return function(state.of(env.conf).site, *args, **kwargs)

    return with_register


def on_pre_page_macros(env):
    """Never render a page that is not a hand-written file in docs/."""
    if env.page.file.generated_by is not None or not env.page.file.abs_src_path:
        env.page.meta["render_macros"] = False
