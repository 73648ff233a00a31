"""年报编制助手 — 政府信息公开工作年度报告的编制、校验、导入导出与汇总。"""

import logging

__version__ = "0.1.0"
APP_NAME = "年报编制助手"

# the package's records go nowhere until the program sets up its log file (logs.setup): never to
# the console of a program that only imports the package (Python's last-resort handler)
logging.getLogger(__name__).addHandler(logging.NullHandler())
