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
