"""What the browser flows share: logging in, checking a page fits a phone."""

DEMO_PASSWORD = "demo@2026"


def login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login page as a person would; waits for the landing page."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    assert "/dang-nhap/" not in page.url, f"đăng nhập không thành công cho {username}: {page.url}"


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing overflows)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_fits(page, width: int = 360) -> None:
    """Nothing overflows horizontally; names the widest offenders when something does.

    Measured once the page has loaded: while a new page is still being parsed its stylesheet may
    not apply yet, and an unstyled table is wider than the phone."""
    page.wait_for_load_state("load")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll <= width + 1:
        return
    offenders = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1
                     && !e.closest('.table-wrap, .scroll-x, [data-scroll-x]'))
            .slice(0, 8)
            .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`
                      + `${e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : ''}`
                      + ` right=${Math.round(e.getBoundingClientRect().right)}`)""",
        width,
    )
    raise AssertionError(f"{page.url}: rộng {scroll}px > {width}px; tràn: {offenders}")


def assert_reachable(locator, width: int = 360, min_height: int = 24) -> None:
    """The element is visible, lies within the phone's width and is tall enough for a thumb (WCAG 2.5.8: 24px)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None, "nút không hiển thị"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"nút ra ngoài màn hình: {box}"
    assert box["height"] >= min_height, f"nút quá nhỏ để bấm trên điện thoại: {box}"
