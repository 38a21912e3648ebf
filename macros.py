"""mkdocs-macros module: a few functions for the hand-written pages in docs/.

Report text never passes through Jinja: `render_by_default` is false, and generated pages are
refused here by path, whatever their own front matter says.
"""

from reisregister.site import blocks


def define_env(env):
    """Register the functions the hand-written pages may call."""
    for function in (
        blocks.latest_trips,
        blocks.planned_trips,
        blocks.pending_trips,
        blocks.year_comparison,
        blocks.data_dictionary,
        blocks.emission_factors,
        blocks.accessibility_record,
    ):
        env.macro(function)


def on_pre_page_macros(env):
    """Never render a page that is not a hand-written file in docs/."""
    if env.page.file.generated_by is not None or not env.page.file.abs_src_path:
        env.page.meta["render_macros"] = False
