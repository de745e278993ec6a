"""What a page copy's table of contents says about its article: the lead above it, past a
list and an infobox, and the sections it names beyond lists the body run does not cross
(an encyclopedia in the shape of Baidu Baike's pages, in Chinese, written for the test)."""

from __future__ import annotations

from tests.text.extract.pagecopy.copies import page

MENU = "百度首页\n网页 新闻 贴吧 知道 音乐\n首页\n分类\n特色百科"
LEAD = (
    "白沙湾（Baisha Bay），位于东海之滨，是一处以白色沙滩和古渔村闻名的海湾，"
    "湾口宽约三公里，湾内水浅浪小，自古便是渔船避风的港湾。",
    "湾北岬角上的白沙湾灯塔建于清光绪年间，是当地现存最早的近代航标之一，"
    "一九八五年灯塔改用电力照明，至今仍在使用，每年吸引大批游客前来参观。",
)
WORKS = "代表景点\n白沙湾灯塔\n古渔村\n妈祖庙\n石屋群\n观潮台\n望海亭\n渔港码头"
CONTENTS = "目录\n\n1 地理环境\n2 历史沿革\n3 名胜古迹\n4 民俗活动"
INFOBOX = "基本信息\n\n" + "\n".join(
    f"{label}\n{value}"
    for label, value in (
        ("中文名", "白沙湾"),
        ("外文名", "Baisha Bay"),
        ("地理位置", "东海之滨"),
        ("湾口宽度", "约三公里"),
        ("气候类型", "亚热带季风气候"),
        ("著名景点", "白沙湾灯塔、古渔村"),
        ("年平均气温", "约十七摄氏度"),
        ("所属地区", "东海市"),
    )
)
SECTIONS = (
    "白沙湾地理环境",
    "编辑",
    "白沙湾三面环山，湾底沙粒洁白细腻，由附近花岗岩山体长期风化冲刷而成。"
    "每年夏季，湾内海水清澈，退潮时可以走到湾中的小岛上，游客络绎不绝。"
    "湾内冬暖夏凉，年平均气温约十七摄氏度，台风季节常有渔船进湾避风。"
    "湾南的沙滩长约两公里，沙质细软，是附近城市居民夏季游泳和露营的好去处。",
    "湾北的岬角由坚硬的花岗岩构成，常年受海浪冲击，形成了许多奇特的礁石和海蚀洞。"
    "退潮时，礁石间的水洼里可以找到小鱼、海星和寄居蟹，是孩子们最喜欢的地方。"
    "岬角顶端的平台视野开阔，天气晴朗时可以望见远处的岛屿和来往的货船。",
    "白沙湾历史沿革",
    "编辑",
    "明代以前，白沙湾只有零星渔户居住。清代中期，福建渔民迁入，在湾南建起石屋，"
    "逐渐形成今天的古渔村，村民以捕鱼和晒盐为生，延续至今已有两百多年。",
    "白沙湾名胜古迹",
    "编辑",
    "古迹一览",
    "▪ 1894 白沙湾灯塔\n▪ 1760 古渔村石屋\n▪ 1802 妈祖庙\n▪ 1911 观潮台\n"
    "▪ 1936 望海亭\n▪ 1958 渔港码头\n▪ 1985 灯塔电气化\n▪ 1994 海滨公园",
    "白沙湾民俗活动",
    "编辑",
    "村中的妈祖庙每年农历三月举行庙会，渔民在这一天祈求出海平安，"
    "庙会期间还有舞龙、渔歌对唱等活动，吸引周边村镇的居民前来观看。"
    "近年来，村里还办起了渔家乐，游客可以跟着渔民出海捕鱼，品尝当天的海鲜。",
    "参考资料",
    "1. 白沙湾旅游区简介 ．东海旅游网[引用日期2019-07-15]\n"
    "2. 百年灯塔见证海湾变迁 ．海滨日报．2016-05-20[引用日期2019-07-15]",
)


def test_the_lead_above_the_contents_and_an_infobox_is_read_first() -> None:
    article = page(MENU, "白沙湾", "编辑 锁定 讨论", *LEAD, WORKS, CONTENTS, INFOBOX, *SECTIONS)
    texts = [block.text for block in article.blocks]
    assert texts[:2] == list(LEAD)
    assert article.title == "白沙湾"
    assert "湾口宽度" not in texts  # an infobox label
    assert "古渔村" not in texts  # an entry of the list above the contents


def test_the_sections_the_contents_name_are_read_past_a_list_up_to_the_references() -> None:
    article = page(MENU, "白沙湾", "编辑 锁定 讨论", *LEAD, WORKS, CONTENTS, INFOBOX, *SECTIONS)
    texts = [block.text for block in article.blocks]
    assert SECTIONS[-3] in texts  # the last section, after the list of sites
    assert "白沙湾民俗活动" in texts
    assert not any("引用日期" in text for text in texts)


def test_an_edit_link_under_each_heading_is_dropped_even_over_a_subheading() -> None:
    article = page(MENU, "白沙湾", "编辑 锁定 讨论", *LEAD, WORKS, CONTENTS, INFOBOX, *SECTIONS)
    assert "编辑" not in [block.text for block in article.blocks]
    assert sum(d.reason == "edit-link" and d.text == "编辑" for d in article.dropped) == 4
