// Clerks work in China: run the tests in China's time zone (chinese-days reads dates in local time).
// A test may still check other zones itself.
module.exports = async () => {
  process.env.TZ = process.env.TZ || 'Asia/Shanghai';
};
