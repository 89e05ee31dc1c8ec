"""fzcheck: checks a 法治政府建设年度报告 against the requirements it must meet.

The data flows one way, and the sub-packages follow it:

    read → normalize → segment → evaluate → report

``check_path`` / ``check_text`` run the whole flow for one report.
"""

__version__ = "0.1.0"
