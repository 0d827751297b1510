from registry.charts import BAR_AREA, Bar, bar_chart_svg


def test_chart_escapes_text_and_scales_bars():
    svg = bar_chart_svg(
        title='Cakupan <b>"x"</b>',
        bars=[Bar("<script>alert(1)</script>", 50.0, "a & b"), Bar("Penuh", 100.0), Bar("Lebih", 130.0)],
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "&amp;" in svg and "<b>" not in svg
    assert f'width="{BAR_AREA / 2}"' in svg
    assert svg.count(f'width="{float(BAR_AREA)}"') == 2  # 130 % is drawn as a full bar
    assert svg.startswith("<svg") and 'role="img"' in svg


def test_chart_text_is_readable_on_a_phone():
    """Drawn about 320 px wide on a phone, the chart's text stays 12 px or more."""
    import re

    svg = bar_chart_svg(title="Cakupan", bars=[Bar("Kota Tengah", 97.5), Bar("Dungingi", 88.1)])
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    smallest = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))
    assert smallest * 320 / width >= 12
