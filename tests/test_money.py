"""Amounts written the way each face writes them, all through one formatter (icatlas.money)."""
from __future__ import annotations

from icatlas.money import money, quantity, scaled, to_cny, yi_yuan, yuan


def test_every_style_goes_through_one_formatter() -> None:
    assert money(7.5e9, "CNY") == scaled(7.5e9, "元", plain=",.10g") == "75亿元"  # the web pages
    assert yi_yuan(1.25e9) == "12.50 亿元" and yi_yuan(3e7) == "0.30 亿元"  # the brief's events: always in 亿
    assert yi_yuan(2.5e6, "USD") == "2,500,000 USD"
    assert yuan(1.25e9) == "12.50 亿元" and yuan(3e6) == "300.00 万元" and yuan(None) == "—"  # the command line
    assert scaled(1.234e9) == "12.34亿" and scaled(12345) == "1.234万" and scaled(12.5) == "12.5"
    assert quantity(1e11, "CNY") == "1000亿元" and quantity(1e11, "CNY", "en") == "100 billion yuan"
    assert quantity(30000, "人", "zh", "nearly") == "近3万人" and quantity(1500, "人次", "en") == "1,500 person-times"
    assert quantity("many", "人") == "many" and quantity("") == "—"


def test_amounts_convert_at_fixed_rates() -> None:
    assert to_cny(100, "USD") == 710.0 and to_cny(100, None) == 100.0 and to_cny(100, "rmb") == 100.0
    assert to_cny(0, "CNY") is None and to_cny(100, "XYZ") is None


def test_yen_written_as_ri_yuan_in_taiwan_print() -> None:
    from icatlas.extract.quantities import find_quantities

    (m,) = [q for q in find_quantities("未来将斥资576.3亿日圆收购其余股权", "2019-01-01") if q.label == "money"]
    assert abs(m.attrs["value"] - 57.63e9) < 1 and m.attrs["unit"] == "JPY"


def test_a_sum_of_one_scale_and_a_sum_not_said() -> None:
    from icatlas.extract.quantities import find_quantities

    def sums(t: str) -> list[float]:
        return [q.attrs["value"] for q in find_quantities(t, "2024-01-01") if q.label == "money"]

    assert sums("总投资近亿元") == [1e8] and sums("营收超亿元") == [1e8] and sums("千万元级") == [1e7]
    assert sums("完成数亿元B轮融资") == [] and sums("几千万元") == [] and sums("数十亿元") == []
