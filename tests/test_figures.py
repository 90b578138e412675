"""The figures guard: quotes that state different numbers are different statements."""

import pytest

from factcheck import matching


@pytest.mark.parametrize("text, expected", [
    ("We will send 4,000 troops", {"4000"}),
    ("Мы отправим 4 000 военнослужащих", {"4000"}),
    ("около 4 тыс. человек", {"4000"}),
    ("سنرسل ٤٠٠٠ جندي", {"4000"}),
    ("سنرسل 4 آلاف جندي", {"4000"}),
    ("ونتوقع أن نتجاوز 16 مليارا هذا العام", {"16000000000"}),
    ("prodala je 2,3 milijarde dolara", {"2300000000"}),
    ("извоз од 14,2 милијарди кубних метара", {"14200000000"}),
    ("5.500 Soldaten", {"5500"}),
    ("inflation of 3,5 процента", {"3.5"}),
    ("2.5 million people in 2014", {"2500000", "2014"}),
    ("No numbers here", set()),
    # the article or a preposition joined to an Arabic number word: 'all fourteen crew members'
    # must not read as 10 (and conflict with its English original)
    ("نطالب بالإفراج عن جميع أفراد الطاقم الأربعة عشر", {"14"}),
    ("المخيم بُني لعشرين ألف شخص", {"20000"}),
    ("свих четрнаест чланова посаде", {"14"}),
    ("for more than a hundred years", {"100"}),
    ("one thousand people", {"1000"}),
    ("no one will go; one of the best", set()),
])
def test_figures_are_read_in_any_script_and_grouping(text, expected):
    assert matching.figures(text) == expected


def test_different_figures_conflict():
    assert matching.figures_conflict("We will send 4,000 troops to the border",
                                   "We will send 5,500 troops to the border")
    assert matching.figures_conflict("Turnout rose 20 points", "Turnout rose 25 percent")


def test_the_same_figure_written_otherwise_or_dropped_does_not_differ():
    assert not matching.figures_conflict("We will send 4,000 troops", "Мы отправим 4 000 военнослужащих")
    assert not matching.figures_conflict("4,000 troops arrived in 2014", "4,000 troops arrived")
    assert not matching.figures_conflict("We will send 4,000 troops", "We will send troops")
