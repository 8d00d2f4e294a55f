"""Former home of Argos package management, now split into one module per job.

``install`` (validated install), ``fetch`` (the network code), ``convert`` (OPUS-MT/Marian to
``.argosmodel``), ``doctor`` (the report) and ``packages`` (discovery, the package table, the
advice for a missing pair). Nothing is defined here.
"""

# Re-exported until every caller imports from the new modules (lead removes).
from translate.convert import convert_marian as convert_marian
from translate.doctor import doctor as doctor
from translate.fetch import fetch_packages as fetch_packages
from translate.install import install_package as install_package
from translate.packages import describe_next_step as describe_next_step
from translate.packages import render_packages as render_packages
