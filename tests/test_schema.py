from composer import schema


def test_official_cell_counts():
    assert [len(schema.layout(t).value_cells()) for t in schema.TABLE_KEYS] == [10, 175, 15]
    assert len(schema.CELLS) == 200
    assert len(set(schema.CELL_PATHS)) == 200


def test_every_layout_value_cell_is_a_schema_cell_once():
    paths = [c.path for t in schema.TABLE_KEYS for c in schema.layout(t).value_cells()]
    assert sorted(paths) == sorted(schema.CELL_PATHS)


def test_layouts_tile_the_grid_without_overlap():
    for table in schema.TABLE_KEYS:
        lay = schema.layout(table)
        covered: dict[tuple[int, int], str] = {}
        for c in lay.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    assert (r, k) not in covered, (table, r, k, c.text, covered.get((r, k)))
                    covered[(r, k)] = c.text
        assert len(covered) == lay.n_rows * lay.n_cols, table


def test_requests_header_matches_official_merges():
    lay = schema.layout("requests")
    by_text = {c.text: c for c in lay.cells if c.role != "value"}
    assert (by_text[schema.REQUESTS_CORNER].rowspan, by_text[schema.REQUESTS_CORNER].colspan) == (3, 3)
    assert by_text["申请人情况"].colspan == 7
    assert (by_text["自然人"].rowspan, by_text["法人或其他组织"].colspan) == (2, 5)
    assert by_text["三、本年度办理结果"].rowspan == 22  # merged down the 22 result rows
    assert by_text["（三）不予公开"].rowspan == 8
    assert by_text["（一）予以公开"].colspan == 2
    assert by_text["一、本年新收政府信息公开申请数量"].colspan == 3


def test_review_header_and_active_single_value_rows():
    review = {c.text: c for c in schema.layout("review").cells if c.role == "header"}
    assert review["行政诉讼"].colspan == 10 and review["复议后起诉"].colspan == 5
    active = schema.layout("active")
    licensing = next(c for c in active.cells if c.path == "tables.active.licensing")
    assert (licensing.col, licensing.colspan) == (1, 3)
    assert sum(1 for c in active.cells if c.role == "title") == 4


def test_relations_cover_the_printed_checks():
    rules = [s.rule for s in schema.SUMS]
    assert rules.count("T3.ROW") == 25 and rules.count("T3.RESULTS") == 7 and rules.count("T4.SUM") == 3
    results_sum = next(s for s in schema.SUMS if s.total == "tables.requests.results.total.natural")
    assert len(results_sum.parts) == 21
    assert len(schema.BALANCES) == 7


def test_cell_names_read_like_the_printed_table():
    assert schema.cell_name("tables.requests.results.denied.inquiry.natural") == "表三 三（三）8.属于行政查询事项 · 自然人"
    assert schema.cell_name("tables.active.fees") == "表二 行政事业性收费（万元）"
    assert schema.cell_name("sections.other") == "六、其他需要报告的事项"
    assert schema.value_kind("fee_notices.amount") == schema.AMOUNT
